export * from './portfolio';
export * from './positionMath';
